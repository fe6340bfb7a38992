fn main() {
    peerpath_web::run();
}

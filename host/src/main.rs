fn main() {
    std::process::exit(anode::cli::main(std::env::args().collect()));
}

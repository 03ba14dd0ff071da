fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    match pledge::format::read(&text) {
        Ok(a) => print!("{}", pledge::format::write(&a)),
        Err(e) => println!("{:?}", e),
    }
}

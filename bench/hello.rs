//! The smallest Rust program that prints: the floor of a Rust command's start-up, beside
//! /bin/true (bench/startup.sh).

fn main() {
    println!("hello");
}

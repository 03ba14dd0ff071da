//! The `pledge store` command line, run as a real process.

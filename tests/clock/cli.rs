//! The `pledge clock` command.

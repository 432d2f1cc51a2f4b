#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match data.first() {
        Some(b'u') => { let _ = bugs::unwrap_none(data); }
        Some(b'o') => { let _ = bugs::add_overflow(data); }
        Some(b'p') => bugs::explicit_panic(data),
        Some(b'i') => { let _ = bugs::index_oob(data); }
        Some(b'd') => { let _ = bugs::divide(data); }
        Some(b'a') => { let _ = bugs::unsafe_read(data); }
        Some(b's') => { let _ = bugs::spin(data); }
        Some(b'm') => { let _ = bugs::hog(data); }
        Some(b'r') => { let _ = bugs::result_unwrap(data); }
        Some(b't') => { let _ = bugs::str_slice(data); }
        Some(b'x') => { let _ = bugs::recurse(data, 0); }
        Some(b'l') => bugs::leak(data),
        _ => {}
    }
});

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut sum = 0u32;
    for (i, b) in data.iter().enumerate() {
        if *b == b'F' && i % 3 == 0 {
            sum = sum.wrapping_add(u32::from(*b));
        }
    }
    std::hint::black_box(sum);
});

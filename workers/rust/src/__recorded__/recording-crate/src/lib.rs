pub fn unwrap_none(data: &[u8]) -> u8 {
    *data.iter().find(|&&b| b == 0xff).unwrap()
}

pub fn add_overflow(data: &[u8]) -> u8 {
    data[1] + data[2]
}

pub fn explicit_panic(data: &[u8]) {
    if data.len() > 1 {
        panic!("unsupported version {}", data[1]);
    }
}

pub fn index_oob(data: &[u8]) -> u8 {
    let table = [1u8, 2, 3];
    table[usize::from(data[1])]
}

pub fn divide(data: &[u8]) -> u8 {
    data[1] / data[2]
}

pub fn unsafe_read(data: &[u8]) -> u8 {
    unsafe { std::ptr::read_volatile(data.as_ptr().add(data.len() + 4)) }
}

pub fn spin(data: &[u8]) -> u64 {
    let mut x = 0u64;
    loop {
        x = std::hint::black_box(x.wrapping_add(u64::from(data[0])) & !1);
        if x == 1 {
            return x;
        }
    }
}

pub fn hog(data: &[u8]) -> usize {
    let v = vec![data[0]; 3_000_000_000];
    v.len()
}

pub fn result_unwrap(data: &[u8]) -> u32 {
    std::str::from_utf8(&data[1..]).unwrap().len() as u32
}

pub fn str_slice(data: &[u8]) -> usize {
    let s = "héllo";
    s[..usize::from(data[1])].len()
}

pub fn recurse(data: &[u8], depth: u64) -> u64 {
    let local = [depth as u8; 64];
    std::hint::black_box(&local);
    if data.is_empty() {
        return depth;
    }
    recurse(std::hint::black_box(data), depth + 1) + u64::from(local[0])
}

pub fn leak(data: &[u8]) {
    let v = data.to_vec();
    std::mem::forget(v);
}

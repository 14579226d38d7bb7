// The sample's side of the HumanEval-X Rust replay (rust-replay.ts builds the programs around it):
// each value the test's calls of an entry point returned is encoded and written, one record per
// call, on fd 3. rust-wire-get.rs is the driver's side, which decodes them; keep the two in step.
// Every value carries a type tag; floats cross as their bits (NaN, -0 and infinities kept); lengths
// and counts are u32 little-endian. Only `put` lives here: the sample's program compiles no decoder.
#[allow(dead_code, unused_imports, unused_variables, non_snake_case)]
pub mod litmus_wire {
    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

    pub fn put_len(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&(n as u32).to_le_bytes());
    }

    pub trait Wire {
        fn put(&self, out: &mut Vec<u8>);
    }

    macro_rules! number_wire {
        ($($t:ty => $tag:expr),*) => {$(
            impl Wire for $t {
                fn put(&self, out: &mut Vec<u8>) {
                    out.push($tag);
                    out.extend_from_slice(&self.to_le_bytes());
                }
            }
        )*};
    }
    // f32/f64 to_le_bytes are their bits: exact.
    number_wire!(i8 => 1, i16 => 2, i32 => 3, i64 => 4, i128 => 5, isize => 6, u8 => 7, u16 => 8, u32 => 9,
        u64 => 10, u128 => 11, usize => 12, f32 => 13, f64 => 14);

    impl Wire for bool {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(15);
            out.push(*self as u8);
        }
    }

    impl Wire for char {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(16);
            out.extend_from_slice(&(*self as u32).to_le_bytes());
        }
    }

    impl Wire for str {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(17);
            put_len(out, self.len());
            out.extend_from_slice(self.as_bytes());
        }
    }

    impl Wire for String {
        fn put(&self, out: &mut Vec<u8>) {
            self.as_str().put(out);
        }
    }

    impl<T: Wire + ?Sized> Wire for &T {
        fn put(&self, out: &mut Vec<u8>) {
            (**self).put(out);
        }
    }

    impl<T: Wire + ?Sized> Wire for Box<T> {
        fn put(&self, out: &mut Vec<u8>) {
            (**self).put(out);
        }
    }

    impl Wire for () {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(18);
        }
    }

    fn put_seq<'a, T: Wire + 'a, I: Iterator<Item = &'a T>>(out: &mut Vec<u8>, tag: u8, n: usize, items: I) {
        out.push(tag);
        put_len(out, n);
        for v in items {
            v.put(out);
        }
    }

    impl<T: Wire> Wire for Vec<T> {
        fn put(&self, out: &mut Vec<u8>) {
            put_seq(out, 19, self.len(), self.iter());
        }
    }

    impl<T: Wire> Wire for Option<T> {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(20);
            match self {
                None => out.push(0),
                Some(v) => {
                    out.push(1);
                    v.put(out);
                }
            }
        }
    }

    macro_rules! tuple_wire {
        ($(($n:expr; $($t:ident $i:tt),+)),*) => {$(
            impl<$($t: Wire),+> Wire for ($($t,)+) {
                fn put(&self, out: &mut Vec<u8>) {
                    out.push(21);
                    out.push($n);
                    $(self.$i.put(out);)+
                }
            }
        )*};
    }
    tuple_wire!((1; A 0), (2; A 0, B 1), (3; A 0, B 1, C 2), (4; A 0, B 1, C 2, D 3), (5; A 0, B 1, C 2, D 3, E 4),
        (6; A 0, B 1, C 2, D 3, E 4, F 5));

    // Maps and sets cross in the order the sample's container iterates; the driver's compares as a set.
    fn put_map<'a, K: Wire + 'a, V: Wire + 'a, I: Iterator<Item = (&'a K, &'a V)>>(out: &mut Vec<u8>, tag: u8, n: usize, items: I) {
        out.push(tag);
        put_len(out, n);
        for (k, v) in items {
            k.put(out);
            v.put(out);
        }
    }

    impl<K: Wire, V: Wire, S> Wire for HashMap<K, V, S> {
        fn put(&self, out: &mut Vec<u8>) {
            put_map(out, 22, self.len(), self.iter());
        }
    }

    impl<K: Wire, V: Wire> Wire for BTreeMap<K, V> {
        fn put(&self, out: &mut Vec<u8>) {
            put_map(out, 23, self.len(), self.iter());
        }
    }

    impl<T: Wire, S> Wire for HashSet<T, S> {
        fn put(&self, out: &mut Vec<u8>) {
            put_seq(out, 24, self.len(), self.iter());
        }
    }

    impl<T: Wire> Wire for BTreeSet<T> {
        fn put(&self, out: &mut Vec<u8>) {
            put_seq(out, 25, self.len(), self.iter());
        }
    }

    /// A benchmark enum (impls generated per problem): tag, the variant's index, then its fields.
    pub fn put_variant(out: &mut Vec<u8>, index: u8) {
        out.push(26);
        out.push(index);
    }

    /// One record per traced call, written whole and at once: entry point index, then the value.
    pub fn emit<T: Wire + ?Sized>(entry: u8, value: &T) {
        use std::io::Write;
        use std::os::unix::io::FromRawFd;
        let mut out = vec![entry];
        value.put(&mut out);
        // Not closed on drop: the channel stays open for the next record.
        let mut channel = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(3) });
        let _ = channel.write_all(&out);
    }
}

// The driver's side of the HumanEval-X Rust replay (rust-replay.ts builds the programs around it):
// decodes the records the sample's program wrote on fd 3 (rust-wire-put.rs; keep the two in step),
// which reach the driver on stdin after the per-run secret's line. This decoder is the security
// boundary: every value's type tag must match the type the driver expects (its entry point's
// declared return type), every length is bounded by the bytes that remain, nesting is bounded, and
// the stream must be consumed exactly: anything else panics, and the driver fails.
#[allow(dead_code, unused_imports, unused_variables, non_snake_case)]
pub mod litmus_wire {
    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
    use std::hash::Hash;
    use std::sync::Mutex;

    const MAX_DEPTH: u32 = 64;

    pub struct Reader {
        data: Vec<u8>,
        pos: usize,
        depth: u32,
    }

    impl Reader {
        pub fn remaining(&self) -> usize {
            self.data.len() - self.pos
        }
        pub fn bytes(&mut self, n: usize) -> Option<&[u8]> {
            if n > self.remaining() {
                return None;
            }
            let start = self.pos;
            self.pos += n;
            Some(&self.data[start..start + n])
        }
        pub fn byte(&mut self) -> Option<u8> {
            Some(self.bytes(1)?[0])
        }
        pub fn tag(&mut self, tag: u8) -> Option<()> {
            if self.byte()? == tag { Some(()) } else { None }
        }
        /// A length or count: never more than the bytes left (every element takes at least one).
        pub fn len(&mut self) -> Option<usize> {
            let b = self.bytes(4)?;
            let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
            if n > self.remaining() { None } else { Some(n) }
        }
        pub fn enter(&mut self) -> Option<()> {
            self.depth += 1;
            if self.depth > MAX_DEPTH { None } else { Some(()) }
        }
        pub fn leave(&mut self) {
            self.depth -= 1;
        }
    }

    pub trait Wire: Sized {
        fn get(r: &mut Reader) -> Option<Self>;
    }

    macro_rules! number_wire {
        ($($t:ty => $tag:expr),*) => {$(
            impl Wire for $t {
                fn get(r: &mut Reader) -> Option<Self> {
                    r.tag($tag)?;
                    let b = r.bytes(std::mem::size_of::<$t>())?;
                    Some(<$t>::from_le_bytes(b.try_into().ok()?))
                }
            }
        )*};
    }
    number_wire!(i8 => 1, i16 => 2, i32 => 3, i64 => 4, i128 => 5, isize => 6, u8 => 7, u16 => 8, u32 => 9,
        u64 => 10, u128 => 11, usize => 12, f32 => 13, f64 => 14);

    impl Wire for bool {
        fn get(r: &mut Reader) -> Option<Self> {
            r.tag(15)?;
            match r.byte()? {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            }
        }
    }

    impl Wire for char {
        fn get(r: &mut Reader) -> Option<Self> {
            r.tag(16)?;
            let b = r.bytes(4)?;
            char::from_u32(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        }
    }

    impl Wire for String {
        fn get(r: &mut Reader) -> Option<Self> {
            r.tag(17)?;
            let n = r.len()?;
            String::from_utf8(r.bytes(n)?.to_vec()).ok()
        }
    }

    // A `&str` result is replayed as a leaked String: the driver is a short-lived process.
    impl<'a> Wire for &'a str {
        fn get(r: &mut Reader) -> Option<Self> {
            Some(Box::leak(String::get(r)?.into_boxed_str()))
        }
    }

    impl Wire for () {
        fn get(r: &mut Reader) -> Option<Self> {
            r.tag(18)
        }
    }

    impl<T: Wire> Wire for Box<T> {
        fn get(r: &mut Reader) -> Option<Self> {
            Some(Box::new(T::get(r)?))
        }
    }

    /// A tagged sequence: its count, then `each` once per element, one level deeper.
    fn get_seq<C>(r: &mut Reader, tag: u8, mut c: C, each: fn(&mut Reader, &mut C) -> Option<()>) -> Option<C> {
        r.tag(tag)?;
        let n = r.len()?;
        r.enter()?;
        for _ in 0..n {
            each(r, &mut c)?;
        }
        r.leave();
        Some(c)
    }

    impl<T: Wire> Wire for Vec<T> {
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 19, Vec::new(), |r, c| Some(c.push(T::get(r)?)))
        }
    }

    impl<T: Wire> Wire for Option<T> {
        fn get(r: &mut Reader) -> Option<Self> {
            r.tag(20)?;
            match r.byte()? {
                0 => Some(None),
                1 => {
                    r.enter()?;
                    let v = T::get(r)?;
                    r.leave();
                    Some(Some(v))
                }
                _ => None,
            }
        }
    }

    macro_rules! tuple_wire {
        ($(($n:expr; $($t:ident),+)),*) => {$(
            impl<$($t: Wire),+> Wire for ($($t,)+) {
                fn get(r: &mut Reader) -> Option<Self> {
                    r.tag(21)?;
                    r.tag($n)?;
                    r.enter()?;
                    let v = ($($t::get(r)?,)+);
                    r.leave();
                    Some(v)
                }
            }
        )*};
    }
    tuple_wire!((1; A), (2; A, B), (3; A, B, C), (4; A, B, C, D), (5; A, B, C, D, E), (6; A, B, C, D, E, F));

    impl<K: Wire + Eq + Hash, V: Wire> Wire for HashMap<K, V> {
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 22, HashMap::new(), |r, c| {
                let k = K::get(r)?;
                c.insert(k, V::get(r)?);
                Some(())
            })
        }
    }

    impl<K: Wire + Ord, V: Wire> Wire for BTreeMap<K, V> {
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 23, BTreeMap::new(), |r, c| {
                let k = K::get(r)?;
                c.insert(k, V::get(r)?);
                Some(())
            })
        }
    }

    impl<T: Wire + Eq + Hash> Wire for HashSet<T> {
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 24, HashSet::new(), |r, c| Some(drop(c.insert(T::get(r)?))))
        }
    }

    impl<T: Wire + Ord> Wire for BTreeSet<T> {
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 25, BTreeSet::new(), |r, c| Some(drop(c.insert(T::get(r)?))))
        }
    }

    /// A benchmark enum (impls generated per problem): its variant's index; the fields follow.
    pub fn get_variant(r: &mut Reader) -> Option<u8> {
        r.tag(26)?;
        r.byte()
    }

    static STREAM: Mutex<Option<Reader>> = Mutex::new(None);

    const BROKEN: &str = "litmus replay error: the sample's results stream is malformed, of the wrong type or ends early";

    /// The records to replay, from the start.
    pub fn load(records: Vec<u8>) {
        *STREAM.lock().unwrap_or_else(|e| e.into_inner()) = Some(Reader { data: records, pos: 0, depth: 0 });
    }

    /// Reads stdin whole: returns the per-run secret (its first line) and loads the records after it.
    pub fn start() -> Vec<u8> {
        use std::io::Read;
        let mut input = Vec::new();
        let _ = std::io::stdin().lock().read_to_end(&mut input);
        let line = input.iter().position(|&b| b == b'\n').expect(BROKEN);
        load(input.split_off(line + 1));
        input.truncate(line);
        input
    }

    /// The next record, which must come from entry point `entry` and hold a `T`.
    pub fn next<T: Wire>(entry: u8) -> T {
        let mut guard = STREAM.lock().unwrap_or_else(|e| e.into_inner());
        let value = guard.as_mut().and_then(|r| r.tag(entry).and_then(|_| T::get(r)));
        drop(guard);
        value.expect(BROKEN)
    }

    /// After the last test: every record must have been replayed.
    pub fn finish() {
        let left = STREAM.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map_or(1, |r| r.remaining());
        if left != 0 {
            panic!("{}", BROKEN);
        }
    }
}

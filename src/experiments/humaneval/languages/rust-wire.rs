// The value codec of the HumanEval-X Rust replay (rust-replay.ts builds the programs around it).
// Both programs carry this module under a random name: the sample's program encodes each value its
// entry point returned (`emit`, on fd 3); the trusted driver decodes them from stdin (`next`). The
// decoder is the security boundary: every value carries a type tag that must match the type the
// driver expects, every length is bounded by the bytes that remain, nesting is bounded, and the
// stream must be consumed exactly. Floats cross as their bits (NaN, -0 and infinities kept).
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
        pub fn new(data: Vec<u8>) -> Reader {
            Reader { data, pos: 0, depth: 0 }
        }
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

    pub fn put_len(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&(n as u32).to_le_bytes());
    }

    pub trait Wire: Sized {
        fn put(&self, out: &mut Vec<u8>);
        fn get(r: &mut Reader) -> Option<Self>;
    }

    macro_rules! number_wire {
        ($($t:ty => $tag:expr),*) => {$(
            impl Wire for $t {
                fn put(&self, out: &mut Vec<u8>) {
                    out.push($tag);
                    out.extend_from_slice(&self.to_le_bytes());
                }
                fn get(r: &mut Reader) -> Option<Self> {
                    r.tag($tag)?;
                    let b = r.bytes(std::mem::size_of::<$t>())?;
                    Some(<$t>::from_le_bytes(b.try_into().ok()?))
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
        fn put(&self, out: &mut Vec<u8>) {
            out.push(16);
            out.extend_from_slice(&(*self as u32).to_le_bytes());
        }
        fn get(r: &mut Reader) -> Option<Self> {
            r.tag(16)?;
            let b = r.bytes(4)?;
            char::from_u32(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        }
    }

    fn put_str(s: &str, out: &mut Vec<u8>) {
        out.push(17);
        put_len(out, s.len());
        out.extend_from_slice(s.as_bytes());
    }

    fn get_str(r: &mut Reader) -> Option<String> {
        r.tag(17)?;
        let n = r.len()?;
        String::from_utf8(r.bytes(n)?.to_vec()).ok()
    }

    impl Wire for String {
        fn put(&self, out: &mut Vec<u8>) {
            put_str(self, out);
        }
        fn get(r: &mut Reader) -> Option<Self> {
            get_str(r)
        }
    }

    // A `&str` result is replayed as a leaked String: the driver is a short-lived process.
    impl<'a> Wire for &'a str {
        fn put(&self, out: &mut Vec<u8>) {
            put_str(self, out);
        }
        fn get(r: &mut Reader) -> Option<Self> {
            Some(Box::leak(get_str(r)?.into_boxed_str()))
        }
    }

    impl Wire for () {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(18);
        }
        fn get(r: &mut Reader) -> Option<Self> {
            r.tag(18)
        }
    }

    impl<T: Wire> Wire for Box<T> {
        fn put(&self, out: &mut Vec<u8>) {
            (**self).put(out);
        }
        fn get(r: &mut Reader) -> Option<Self> {
            Some(Box::new(T::get(r)?))
        }
    }

    /// A tagged sequence of `n` elements read by `each` one level deeper.
    fn get_seq<C, F: FnMut(&mut Reader, &mut C) -> Option<()>>(r: &mut Reader, tag: u8, mut c: C, mut each: F) -> Option<C> {
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
        fn put(&self, out: &mut Vec<u8>) {
            out.push(19);
            put_len(out, self.len());
            for v in self {
                v.put(out);
            }
        }
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 19, Vec::new(), |r, c| Some(c.push(T::get(r)?)))
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
        ($(($n:expr; $($t:ident $i:tt),+)),*) => {$(
            impl<$($t: Wire),+> Wire for ($($t,)+) {
                fn put(&self, out: &mut Vec<u8>) {
                    out.push(21);
                    out.push($n);
                    $(self.$i.put(out);)+
                }
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
    tuple_wire!((1; A 0), (2; A 0, B 1), (3; A 0, B 1, C 2), (4; A 0, B 1, C 2, D 3), (5; A 0, B 1, C 2, D 3, E 4),
        (6; A 0, B 1, C 2, D 3, E 4, F 5));

    // Maps and sets cross in the order the sample's container iterates; the driver's compares as a set.
    impl<K: Wire + Eq + Hash, V: Wire> Wire for HashMap<K, V> {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(22);
            put_len(out, self.len());
            for (k, v) in self {
                k.put(out);
                v.put(out);
            }
        }
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 22, HashMap::new(), |r, c| {
                let k = K::get(r)?;
                c.insert(k, V::get(r)?);
                Some(())
            })
        }
    }

    impl<K: Wire + Ord, V: Wire> Wire for BTreeMap<K, V> {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(23);
            put_len(out, self.len());
            for (k, v) in self {
                k.put(out);
                v.put(out);
            }
        }
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 23, BTreeMap::new(), |r, c| {
                let k = K::get(r)?;
                c.insert(k, V::get(r)?);
                Some(())
            })
        }
    }

    impl<T: Wire + Eq + Hash> Wire for HashSet<T> {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(24);
            put_len(out, self.len());
            for v in self {
                v.put(out);
            }
        }
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 24, HashSet::new(), |r, c| Some(drop(c.insert(T::get(r)?))))
        }
    }

    impl<T: Wire + Ord> Wire for BTreeSet<T> {
        fn put(&self, out: &mut Vec<u8>) {
            out.push(25);
            put_len(out, self.len());
            for v in self {
                v.put(out);
            }
        }
        fn get(r: &mut Reader) -> Option<Self> {
            get_seq(r, 25, BTreeSet::new(), |r, c| Some(drop(c.insert(T::get(r)?))))
        }
    }

    /// An enum of the benchmark's (impls generated per problem): its variant's index, then its fields.
    pub fn put_variant(out: &mut Vec<u8>, index: u8) {
        out.push(26);
        out.push(index);
    }

    pub fn get_variant(r: &mut Reader) -> Option<u8> {
        r.tag(26)?;
        r.byte()
    }

    // ---- the sample's side: one record per traced call, written whole and at once on fd 3 ----

    pub fn emit<T: Wire>(entry: u8, value: &T) {
        use std::io::Write;
        use std::os::unix::io::FromRawFd;
        let mut out = vec![entry];
        value.put(&mut out);
        // Not closed on drop: the channel stays open for the next record.
        let mut channel = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(3) });
        let _ = channel.write_all(&out);
    }

    // ---- the driver's side ----

    static STREAM: Mutex<Option<Reader>> = Mutex::new(None);

    const BROKEN: &str = "litmus: the sample's results stream is malformed, of the wrong type or ends early";

    /// Reads stdin whole: the per-run secret (first line), then the sample's records.
    pub fn start() -> Vec<u8> {
        use std::io::Read;
        let mut input = Vec::new();
        let _ = std::io::stdin().lock().read_to_end(&mut input);
        let line = input.iter().position(|&b| b == b'\n').expect(BROKEN);
        let records = input.split_off(line + 1);
        input.truncate(line);
        *STREAM.lock().unwrap() = Some(Reader::new(records));
        input
    }

    /// The next record, which must come from entry point `entry` and hold a `T`.
    pub fn next<T: Wire>(entry: u8) -> T {
        let mut guard = STREAM.lock().unwrap_or_else(|e| e.into_inner());
        let r = guard.as_mut().expect(BROKEN);
        let value = r.tag(entry).and_then(|_| T::get(r));
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

package litmus_replay;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The replayer's decoder, compiled into the trusted DRIVER (the benchmark's test against a stub of the
 * entry point, no sample code): stdin is the per-run secret's line, then the values the sample's
 * program reported on fd 3 (format: LitmusTrace). Each call of the entry point by the test returns the
 * next value, decoded against the entry point's declared (generic) return type: only null, boxed
 * primitives, strings, ArrayList, LinkedHashSet, LinkedHashMap and Optional are ever built, no class is
 * named by the stream, lengths are checked against the bytes left and nesting is bounded. A value of
 * the wrong type, a truncated or malformed stream, or values left over after the test → an exception,
 * so the driver exits non-zero and the sample fails. Strings are interned: the benchmark's tests
 * sometimes compare a returned string with a literal by reference (Java/137), which held in the
 * sample's process when the sample returned its argument.
 */
public final class LitmusReplay {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_INPUT = 17 * 1024 * 1024;
    private static byte[] data = new byte[0];
    private static int pos;

    private LitmusReplay() {}

    /** Reads all of stdin; returns the secret (the first line) and keeps the rest to replay. */
    public static synchronized byte[] load(InputStream in) throws IOException {
        byte[] all = in.readNBytes(MAX_INPUT + 1);
        if (all.length > MAX_INPUT) throw new IllegalStateException("results stream too long");
        int newline = 0;
        while (newline < all.length && all[newline] != '\n') newline++;
        if (newline == all.length) throw new IllegalStateException("no secret line on stdin");
        data = Arrays.copyOfRange(all, newline + 1, all.length);
        pos = 0;
        return Arrays.copyOfRange(all, 0, newline);
    }

    /** Decodes a whole stream (the unit tests' entry point): one value of `type` per record. */
    public static synchronized List<Object> decodeAll(byte[] stream, Type type) {
        data = stream;
        pos = 0;
        List<Object> values = new ArrayList<>();
        while (pos < data.length) values.add(read(type, 0));
        return values;
    }

    /** The declared generic return type of `owner`'s method `name` (the entry point). */
    public static Type returnType(Class<?> owner, String name) {
        for (Method method : owner.getDeclaredMethods()) {
            if (method.getName().equals(name)) return method.getGenericReturnType();
        }
        throw new IllegalStateException("no method " + name + " in " + owner.getName());
    }

    /** The value the sample returned for the test's next call. */
    public static synchronized Object next(Type type) {
        if (pos >= data.length) throw new IllegalStateException("the sample reported fewer values than the test made calls");
        return read(type, 0);
    }

    /** After the test: every reported value must have been asked for. */
    public static synchronized void finish() {
        if (pos != data.length) throw new IllegalStateException("the sample reported more values than the test made calls");
    }

    private static Object read(Type type, int depth) {
        if (depth > MAX_DEPTH) throw malformed("nested deeper than " + MAX_DEPTH);
        Class<?> raw = rawClass(type);
        byte tag = bytes(1)[0];
        switch (tag) {
            case 'N':
                if (raw.isPrimitive()) throw malformed("null for " + raw.getName());
                return null;
            case 'Z': {
                expect(raw, boolean.class, Boolean.class);
                byte b = bytes(1)[0];
                if (b != 0 && b != 1) throw malformed("bad boolean");
                return b == 1;
            }
            case 'B':
                expect(raw, byte.class, Byte.class);
                return bytes(1)[0];
            case 'S':
                expect(raw, short.class, Short.class);
                return (short) bits(2);
            case 'C':
                expect(raw, char.class, Character.class);
                return (char) bits(2);
            case 'I':
                expect(raw, int.class, Integer.class);
                return (int) bits(4);
            case 'J':
                expect(raw, long.class, Long.class);
                return bits(8);
            case 'F':
                expect(raw, float.class, Float.class);
                return Float.intBitsToFloat((int) bits(4));
            case 'D':
                expect(raw, double.class, Double.class);
                return Double.longBitsToDouble(bits(8));
            case 'T': {
                expect(raw, String.class, String.class);
                int n = count(2);
                char[] chars = new char[n];
                for (int i = 0; i < n; i++) chars[i] = (char) bits(2);
                return new String(chars).intern();
            }
            case 'O': {
                expect(raw, Optional.class, Optional.class);
                byte present = bytes(1)[0];
                if (present == 0) return Optional.empty();
                if (present != 1) throw malformed("bad optional");
                Object value = read(argument(type, 0), depth + 1);
                if (value == null) throw malformed("null in an optional");
                return Optional.of(value);
            }
            case 'L': {
                expect(raw, ArrayList.class, ArrayList.class);
                int n = count(1);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) list.add(read(argument(type, 0), depth + 1));
                return list;
            }
            case 'E': {
                expect(raw, LinkedHashSet.class, LinkedHashSet.class);
                int n = count(1);
                Set<Object> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) set.add(read(argument(type, 0), depth + 1));
                return set;
            }
            case 'M': {
                expect(raw, LinkedHashMap.class, LinkedHashMap.class);
                int n = count(2);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = read(argument(type, 0), depth + 1);
                    map.put(key, read(argument(type, 1), depth + 1));
                }
                return map;
            }
            default:
                throw malformed("unknown tag " + (tag & 0xff));
        }
    }

    /** The decoded class must fit where the test uses it (its declared type, or a supertype such as Object). */
    private static void expect(Class<?> raw, Class<?> primitive, Class<?> built) {
        if (raw != primitive && !raw.isAssignableFrom(built)) throw malformed(built.getSimpleName() + " where " + raw.getName() + " is declared");
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class) return (Class<?>) type;
        if (type instanceof ParameterizedType) return rawClass(((ParameterizedType) type).getRawType());
        if (type instanceof WildcardType) return rawClass(((WildcardType) type).getUpperBounds()[0]);
        if (type instanceof TypeVariable) return rawClass(((TypeVariable<?>) type).getBounds()[0]);
        return Object.class;
    }

    /** The i-th type argument (List<Integer> → Integer); Object when the type is raw or Object. */
    private static Type argument(Type type, int i) {
        if (type instanceof WildcardType) return argument(((WildcardType) type).getUpperBounds()[0], i);
        if (type instanceof ParameterizedType) {
            Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
            if (i < arguments.length) return arguments[i];
        }
        return Object.class;
    }

    /** A count of items each at least `unit` bytes long: never more than the bytes left. */
    private static int count(int unit) {
        long n = bits(4);
        if (n < 0 || n * unit > data.length - pos) throw malformed("count " + n + " beyond the stream's end");
        return (int) n;
    }

    /** `size` bytes big-endian, sign-extended. */
    private static long bits(int size) {
        byte[] b = bytes(size);
        long value = b[0];
        for (int i = 1; i < size; i++) value = (value << 8) | (b[i] & 0xff);
        return value;
    }

    private static byte[] bytes(int size) {
        if (data.length - pos < size) throw malformed("stream ends inside a value");
        byte[] out = Arrays.copyOfRange(data, pos, pos + size);
        pos += size;
        return out;
    }

    private static IllegalStateException malformed(String why) {
        return new IllegalStateException("results stream rejected: " + why);
    }
}

package litmus_trace;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tracer's encoder, compiled into the SAMPLE's program (untrusted): each value the entry point
 * returned to the benchmark's test is written, tagged, on fd 3 — the results channel the harness
 * reads, apart from stdout/stderr so the sample's prints cannot corrupt it. What it writes is only
 * what the sample claims it returned; the trusted driver (LitmusReplay) decodes it against the entry
 * point's declared type. Lists, maps and sets are walked through their own methods (a sample's custom
 * collection decides what it reports, as it decides its return value); a cycle or an unsupported class
 * ends the sample's run, which the driver sees as a short stream.
 *
 * Wire format (big-endian), one tagged value per record: N null, Z bool (1 byte), B/S/C/I/J byte, short,
 * char, int, long, F/D float/double (raw IEEE bits: NaN, infinities and -0 kept), T string (int count of
 * UTF-16 units, then the units), L list and E set (int count, then the items), M map (int count, then
 * key and value per entry, in iteration order), O optional (1 byte present, then the value).
 */
public final class LitmusTrace {
    private static final int MAX_DEPTH = 64;
    private static OutputStream channel;

    private LitmusTrace() {}

    /** fd 3 as a stream: Java names no descriptor but 0-2, hence reflection (the JVM runs with java.io opened). */
    public static synchronized void open() throws ReflectiveOperationException {
        FileDescriptor descriptor = new FileDescriptor();
        Field fd = FileDescriptor.class.getDeclaredField("fd");
        fd.setAccessible(true);
        fd.setInt(descriptor, 3);
        channel = new FileOutputStream(descriptor);
    }

    /** One record, written whole. */
    public static synchronized void emit(Object value) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            write(out, value, 0);
            out.flush();
            channel.write(buffer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("returned value nested deeper than " + MAX_DEPTH);
        if (value == null) {
            out.writeByte('N');
        } else if (value instanceof Boolean) {
            out.writeByte('Z');
            out.writeByte((Boolean) value ? 1 : 0);
        } else if (value instanceof Integer) {
            out.writeByte('I');
            out.writeInt((Integer) value);
        } else if (value instanceof Long) {
            out.writeByte('J');
            out.writeLong((Long) value);
        } else if (value instanceof Double) {
            out.writeByte('D');
            out.writeLong(Double.doubleToRawLongBits((Double) value));
        } else if (value instanceof Float) {
            out.writeByte('F');
            out.writeInt(Float.floatToRawIntBits((Float) value));
        } else if (value instanceof Character) {
            out.writeByte('C');
            out.writeChar((Character) value);
        } else if (value instanceof Short) {
            out.writeByte('S');
            out.writeShort((Short) value);
        } else if (value instanceof Byte) {
            out.writeByte('B');
            out.writeByte((Byte) value);
        } else if (value instanceof String) {
            String text = (String) value;
            out.writeByte('T');
            out.writeInt(text.length());
            out.writeChars(text);
        } else if (value instanceof Optional) {
            Optional<?> optional = (Optional<?>) value;
            out.writeByte('O');
            out.writeByte(optional.isPresent() ? 1 : 0);
            if (optional.isPresent()) write(out, optional.get(), depth + 1);
        } else if (value instanceof Map) {
            Object[] entries = ((Map<?, ?>) value).entrySet().toArray();
            out.writeByte('M');
            out.writeInt(entries.length);
            for (Object entry : entries) {
                write(out, ((Map.Entry<?, ?>) entry).getKey(), depth + 1);
                write(out, ((Map.Entry<?, ?>) entry).getValue(), depth + 1);
            }
        } else if (value instanceof Collection) {
            Object[] items = ((Collection<?>) value).toArray();
            out.writeByte(value instanceof Set ? 'E' : 'L');
            out.writeInt(items.length);
            for (Object item : items) write(out, item, depth + 1);
        } else {
            throw new IllegalArgumentException("cannot report a returned " + value.getClass().getName());
        }
    }
}

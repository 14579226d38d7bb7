package litmus_javac;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A warm javac for one worker slot (java.ts): javac's start-up and JIT warm-up cost more than compiling
 * a batch, so one JVM compiles batch after batch. Each request is a fresh compilation (javac builds a
 * new context per run: nothing of one batch is seen by the next); no annotation processing, so nothing
 * of a sample runs at compile time. Requests are JSON lines written by the harness, whose fields hold
 * only names it made ([\w./-]): {"dir":"batch-…","files":["src/p/Main.java",…],"id":N}. Replies are one
 * line of ASCII JSON {"id":N,"code":C,"output":"…"} — javac's diagnostics escaped, so a sample's source
 * quoted in an error cannot break the line.
 */
public final class CompileServer {
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern DIR = Pattern.compile("\"dir\":\"([\\w./-]+)\"");
    private static final Pattern FILES = Pattern.compile("\"files\":\\[([^\\]]*)\\]");
    private static final Pattern FILE = Pattern.compile("\"([\\w./-]+)\"");
    private static final int MAX_OUTPUT = 1024 * 1024;

    private CompileServer() {}

    public static void main(String[] args) throws Exception {
        String root = args[0];
        String classPath = args[1];
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Matcher id = ID.matcher(line);
            Matcher dir = DIR.matcher(line);
            Matcher files = FILES.matcher(line);
            if (!id.find() || !dir.find() || !files.find() || dir.group(1).contains("..")) continue;
            String base = root + "/" + dir.group(1) + "/";
            List<String> argv = new ArrayList<>(List.of("-nowarn", "-proc:none", "-encoding", "UTF-8", "-Xmaxerrs", "1000"));
            argv.addAll(List.of("-cp", classPath, "-d", base + "classes"));
            for (Matcher file = FILE.matcher(files.group(1)); file.find(); ) {
                if (file.group(1).contains("..")) continue;
                argv.add(base + file.group(1));
            }
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int code;
            try {
                code = javac.run(null, diagnostics, diagnostics, argv.toArray(new String[0]));
            } catch (Throwable e) {
                code = 4;
                diagnostics.write(("javac crashed: " + e).getBytes(StandardCharsets.UTF_8));
            }
            String text = diagnostics.toString(StandardCharsets.UTF_8).replace(base, "");
            if (text.length() > MAX_OUTPUT) text = text.substring(0, MAX_OUTPUT);
            out.println("{\"id\":" + id.group(1) + ",\"code\":" + code + ",\"output\":\"" + escape(text) + "\"}");
        }
    }

    private static String escape(String text) {
        StringBuilder json = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') json.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) json.append(String.format("\\u%04x", (int) c));
            else json.append(c);
        }
        return json.toString();
    }
}

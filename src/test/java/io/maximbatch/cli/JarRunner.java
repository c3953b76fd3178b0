package io.maximbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** Runs the built jar as a user does, in its own JVM, with a clean environment plus the given variables. */
final class JarRunner {

    static final Path JAR = Path.of("target/maxim-batch.jar").toAbsolutePath();
    private static final Pattern ADMIN_PORT = Pattern.compile("Admin API on port (\\d+)");

    private JarRunner() {
    }

    static Process start(Path workingDir, Path output, Map<String, String> env, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: end-to-end tests run after `package` (mvn verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("MAXIM_") || k.startsWith("SPRING_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs to the end and returns the exit code. */
    static int run(Path workingDir, Path output, Map<String, String> env, String... args) throws Exception {
        Process process = start(workingDir, output, env, args);
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("maxim-batch " + String.join(" ", args) + " did not end within 5 minutes");
        }
        return process.exitValue();
    }

    /**
     * The port a `serve --port 0` started with, as it prints it: a port picked free beforehand could be taken by
     * another process before the server binds it.
     */
    static int adminPort(Path output, Process serve) {
        Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> ADMIN_PORT.matcher(read(output)).find() || !serve.isAlive());
        Matcher port = ADMIN_PORT.matcher(read(output));
        if (!port.find()) {
            throw new AssertionError("serve printed no admin port:\n" + read(output));
        }
        return Integer.parseInt(port.group(1));
    }

    private static String read(Path output) {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "";
        }
    }
}

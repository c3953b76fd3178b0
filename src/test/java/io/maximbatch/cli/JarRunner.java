package io.maximbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the built jar as a user does, in its own JVM, with a clean environment plus the given variables. */
final class JarRunner {

    static final Path JAR = Path.of("target/maxim-batch.jar").toAbsolutePath();

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
}

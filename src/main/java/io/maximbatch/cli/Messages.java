package io.maximbatch.cli;

/** Plain one-line messages from exceptions, for people rather than stack traces. */
final class Messages {

    private Messages() {
    }

    static String of(Throwable e) {
        Throwable useful = e;
        // Spring wraps the cause that matters in layers of bean-creation exceptions.
        while (useful.getCause() != null && useful.getCause() != useful
                && (useful.getClass().getName().startsWith("org.springframework") || useful.getMessage() == null)) {
            useful = useful.getCause();
        }
        String message = useful.getMessage();
        return message == null ? useful.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}

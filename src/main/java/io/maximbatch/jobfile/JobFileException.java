package io.maximbatch.jobfile;

import java.util.List;

/** A job file that cannot be used, with every problem found (not only the first). */
public final class JobFileException extends RuntimeException {

    private final List<String> problems;

    public JobFileException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

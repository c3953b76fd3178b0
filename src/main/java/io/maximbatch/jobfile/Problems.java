package io.maximbatch.jobfile;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a job file, each naming the file and the key. */
public final class Problems {

    private final String file;
    private final List<String> messages = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** Adds a problem; the same problem found twice (a value bound again) is listed once. */
    public void add(String key, String message) {
        String problem = file + ": " + (key.isEmpty() ? "" : key + ": ") + message;
        if (!messages.contains(problem)) {
            messages.add(problem);
        }
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return messages;
    }
}

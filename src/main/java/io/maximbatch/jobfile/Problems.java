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

    public void add(String key, String message) {
        messages.add(file + ": " + (key.isEmpty() ? "" : key + ": ") + message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return messages;
    }
}

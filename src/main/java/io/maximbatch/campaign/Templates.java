package io.maximbatch.campaign;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills ${name} in a message's texts from the run's job parameters; a name without a value is an error, not a blank. */
final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.-]*)}");

    private Templates() {
    }

    static Map<String, Object> fill(Map<String, Object> message, Map<String, String> parameters, String where) {
        Map<String, Object> filled = new LinkedHashMap<>();
        message.forEach((key, value) -> filled.put(key, value instanceof String text ? fill(text, parameters, where + "." + key) : value));
        return filled;
    }

    static String fill(String text, Map<String, String> parameters, String where) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(where + " uses ${" + matcher.group(1) + "}, which this run does not give: run with "
                        + matcher.group(1) + "=...");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}

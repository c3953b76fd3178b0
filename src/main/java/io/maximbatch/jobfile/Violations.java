package io.maximbatch.jobfile;

import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/** Reports a validator's problems as constraint violations, each at its key under the checked value, in plain text. */
public final class Violations {

    private Violations() {
    }

    /** problems: {key under the value (null: the value itself), message}; true when there are none. */
    public static boolean report(ConstraintValidatorContext context, List<String[]> problems) {
        context.disableDefaultConstraintViolation();
        for (String[] problem : problems) {
            // Plain text: a file name or a value with braces must not be read as a message parameter.
            var violation = context.buildConstraintViolationWithTemplate(problem[1].replace("\\", "\\\\").replace("{", "\\{")
                    .replace("}", "\\}").replace("$", "\\$"));
            if (problem[0] == null) {
                violation.addConstraintViolation();
            } else {
                violation.addPropertyNode(problem[0]).addConstraintViolation();
            }
        }
        return problems.isEmpty();
    }
}

package io.maximbatch.jobfile;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of an environment variable that must be set (and not empty) when the job file is read, e.g. the one
 * holding a key: a run that lacks it must not start. Null is valid (the key is optional).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SetInEnvironment.Check.class)
public @interface SetInEnvironment {

    String message() default "names an environment variable that is not set (or is empty)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Looks the variable up; its value is never part of a message. */
    final class Check implements ConstraintValidator<SetInEnvironment, String> {

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            String value = name == null ? null : System.getenv(name);
            return name == null || (value != null && !value.isEmpty());
        }
    }
}

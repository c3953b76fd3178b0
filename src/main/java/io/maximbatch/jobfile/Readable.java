package io.maximbatch.jobfile;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A source a step can read: exactly one of csv or jdbc, a CSV file that exists and whose header holds the required
 * columns, and `columns` naming only the step's columns.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ReadableValidator.class)
public @interface Readable {

    /** Our column names the source must have. */
    String[] required() default {};

    /** Our column names it may have. */
    String[] optional() default {};

    String message() default "cannot be read";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

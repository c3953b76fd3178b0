package io.maximbatch.campaign;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A campaign nobody could be reached twice by, whose audiences can be read and whose messages can be sent. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CampaignValidator.class)
@interface ValidCampaign {

    String message() default "not a valid campaign";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

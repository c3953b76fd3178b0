package io.maximbatch.users;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A password settings' key is long enough for its scheme: at least {@link Passwords#MIN_KEY_BYTES} bytes for v1 (v0
 * keeps accepting the keys it was given, with a warning at run time). Reported at derive-key-env; the key's value and
 * length are never part of the message.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DerivationKey.Check.class)
public @interface DerivationKey {

    String message() default "holds a key shorter than 32 bytes: password-scheme v1 needs at least 32 (make one with"
            + " `openssl rand -base64 48`)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<DerivationKey, PasswordSettings> {

        @Override
        public boolean isValid(PasswordSettings settings, ConstraintValidatorContext context) {
            String key = settings == null || settings.deriveKeyEnv() == null ? null : Passwords.key(settings.deriveKeyEnv());
            if (key == null || !Passwords.refused(settings.passwordScheme(), key)) {
                // No key to check (its absence is @SetInEnvironment's), or one its scheme accepts.
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("deriveKeyEnv").addConstraintViolation();
            return false;
        }
    }
}

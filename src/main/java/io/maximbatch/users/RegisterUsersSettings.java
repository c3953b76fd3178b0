package io.maximbatch.users;

import io.maximbatch.jobfile.Readable;
import io.maximbatch.jobfile.SourceKeys;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.hibernate.validator.constraints.Range;

/** The register-users keys of a job file. batchSize > 1 uses /user/register/batch. */
record RegisterUsersSettings(
        @NotNull(message = SourceKeys.MISSING) @Valid @Readable(required = {UserRow.LEGACY_ID, UserRow.USERNAME, UserRow.PASSWORD},
                optional = {AccountFields.NICKNAME, AccountFields.DESCRIPTION, AccountFields.PUBLIC_INFO, AccountFields.PRIVATE_INFO,
                        AccountFields.AVATAR, AccountFields.TAGS, AccountFields.PUSH_ALIAS, AccountFields.DISABLED,
                        AccountFields.AVATAR_BASE64, AccountFields.AVATAR_TYPE, AccountFields.AVATAR_FILE})
        SourceKeys source,
        OnExisting onExisting,
        @Range(min = 1, max = RegisterUsersStep.MAX_BATCH, message = "expected a whole number from {min} to {max}") Integer batchSize,
        @Valid PasswordSettings password,
        Usernames usernames) {

    RegisterUsersSettings {
        onExisting = onExisting == null ? OnExisting.REJECT : onExisting;
        usernames = usernames == null ? Usernames.REJECT : usernames;
        batchSize = batchSize == null ? RegisterUsersStep.DEFAULT_BATCH : batchSize;
        password = password == null ? PasswordSettings.COLUMN : password;
    }

    /** The source's columns a users step cannot do without (the password column even when every password is derived). */
    List<String> requiredColumns() {
        return UserRow.COLUMNS;
    }
}

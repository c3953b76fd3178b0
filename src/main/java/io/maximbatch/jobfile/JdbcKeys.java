package io.maximbatch.jobfile;

import jakarta.validation.constraints.NotBlank;

/**
 * A database source's keys: url or url-env, username or username-env; its password is read from the environment
 * variable password-env names, never from the file.
 */
public record JdbcKeys(String url, String urlEnv, String username, String usernameEnv, String passwordEnv,
                       @NotBlank(message = SettingsBinder.MISSING_TEXT) String query,
                       @NotBlank(message = SettingsBinder.MISSING_TEXT) String sortKey) {
}

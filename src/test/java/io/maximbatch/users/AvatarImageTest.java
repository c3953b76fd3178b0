package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which pictures can be an avatar: PNG, JPEG or GIF by their first bytes, at most 5 MB, whatever the row calls them. */
class AvatarImageTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};
    static final byte[] GIF = "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void pngJpegAndGifAreTakenWithTheTypeTheirBytesShowWhenTheRowGivesNone() {
        assertThat(AvatarImage.check(PNG, null).image().type()).isEqualTo("image/png");
        assertThat(AvatarImage.check(JPEG, null).image().type()).isEqualTo("image/jpeg");
        assertThat(AvatarImage.check(GIF, "IMAGE/GIF").image().type()).isEqualTo("image/gif");
    }

    @Test
    void otherBytesAndPicturesOverFiveMegabytesAreUnusable() {
        assertThat(AvatarImage.check("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(), "image/png").unusable())
                .isEqualTo("the picture is not PNG, JPEG or GIF (by its first bytes)");
        byte[] big = Arrays.copyOf(PNG, AvatarImage.MAX_BYTES + 1);
        assertThat(AvatarImage.check(big, "image/png").unusable()).isEqualTo("the picture is over 5 MB");
        assertThat(AvatarImage.check(Arrays.copyOf(PNG, AvatarImage.MAX_BYTES), "image/png").image()).as("5 MB exactly").isNotNull();
        assertThat(AvatarImage.load("not base64!", null, null).unusable()).isEqualTo("avatar_base64 is not base64");
    }

    @Test
    void foldedBase64AndFilesGiveTheSameBytesAndTheSameLedgerValue(@TempDir Path dir) throws Exception {
        String folded = Base64.getEncoder().encodeToString(JPEG).replaceAll("(.{4})", "$1\n ");
        Path file = Files.write(dir.resolve("a.jpg"), JPEG);

        AvatarImage fromBase64 = AvatarImage.load(folded, null, "image/jpeg").image();
        AvatarImage fromFile = AvatarImage.load(null, file.toString(), null).image();

        assertThat(fromBase64.bytes()).isEqualTo(JPEG);
        assertThat(fromFile.value()).isEqualTo(fromBase64.value()).startsWith("upload:");
        assertThat(AvatarImage.load(null, dir.resolve("none.png").toString(), null).unusable()).contains("does not exist");
    }
}

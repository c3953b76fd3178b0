package io.maximbatch.users;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.maxim.AvatarUpload;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.step.Settled;
import java.util.List;
import java.util.Map;

/**
 * The calls of a picture to upload: the upload as the user (AvatarUpload asks for a new URL when an
 * upload's answer is lost), its download URL kept beside the PENDING hash, then the avatar set to that URL as any
 * avatar URL is (AttributeCalls.batch, which reads a lost answer back).
 */
final class AvatarCalls {

    private AvatarCalls() {
    }

    /** uploaded: where the writer keeps each change's URL until the ledger records it as applied. */
    static Map<AttributeChange, Settled> upload(MaximClient client, AppliedState applied, AttributeChange change,
                                                Map<AttributeChange, String> uploaded) {
        AvatarImage image = change.picture().image();
        String url;
        try {
            url = AvatarUpload.send(client, change.userId(), image.bytes(), image.type());
        } catch (MaximException e) {
            return Map.of(change, e.errorClass() == ErrorClass.REJECTED ? Settled.of(AttributeWriter.refused(change, e.reasonCode(), e.getMessage()))
                    : Settled.failed(e));
        }
        uploaded.put(change, url);
        // A run killed before the ledger says applied finds the URL and reads it back instead of uploading again.
        applied.savePendingValue(new AppliedState.Change(change.key(), change.hash(), url));
        return Map.of(change, AttributeCalls.batch(client, List.of(change.settingUrl(url))).values().iterator().next());
    }
}

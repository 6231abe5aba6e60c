package dev.temppic.upload.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a startup failure caused by the master key into a short report of what to set, without a stack trace. */
class InvalidMasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMasterKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMasterKeyException cause) {
        return new FailureAnalysis(
                "upload-service cannot encrypt images: " + cause.getMessage(),
                "Set temppic.crypto.master-key (environment variable TEMPPIC_CRYPTO_MASTER_KEY) to 32 random bytes "
                        + "in Base64, for example the output of 'openssl rand -base64 32'. upload-service and "
                        + "serving-service need the same key.",
                cause);
    }
}

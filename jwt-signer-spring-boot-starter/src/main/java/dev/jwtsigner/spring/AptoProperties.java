package dev.jwtsigner.spring;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The {@code jwt-signer.apto.*} settings: the key that signs request bodies, and the program's registered
 * public keys. Setting {@code private-key} or {@code private-key-pem} turns the Apto beans on.
 *
 * <pre>{@code
 * jwt-signer:
 *   apto:
 *     private-key: file:/etc/secrets/apto.pem
 *     key-id: key_1
 *     registered-keys:
 *       key_1: classpath:apto/key_1.pub.pem
 * }</pre>
 *
 * @param privateKey the PEM file of the RSA private key (file: or classpath:)
 * @param privateKeyPem the private key as PEM text, instead of a file
 * @param passphrase the passphrase of an encrypted private key
 * @param keyId the kid of the signing key, as registered with the platform
 * @param registeredKeys kid to public key file of the keys registered with the platform (at most two); when set,
 *     the signing key must be the one registered under key-id
 * @param maxPayloadSize the largest payload signed, in UTF-8 bytes
 * @param maxDepth the deepest nesting of objects and arrays in a payload
 * @param expiresIn the lifetime written as exp into each signed payload; unset: no exp
 */
@ConfigurationProperties("jwt-signer.apto")
public record AptoProperties(
    Resource privateKey,
    String privateKeyPem,
    String passphrase,
    String keyId,
    @DefaultValue Map<String, Resource> registeredKeys,
    @DefaultValue("65536") int maxPayloadSize,
    @DefaultValue("100") int maxDepth,
    Duration expiresIn) {

  @Override
  public String toString() {
    return "AptoProperties[privateKey=" + privateKey + ", privateKeyPem=" + (privateKeyPem == null ? "unset" : "(set)")
        + ", keyId=" + keyId + ", registeredKeys=" + registeredKeys.keySet() + "]";
  }
}

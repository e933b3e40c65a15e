package dev.jwtsigner.keys;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.keys.RemoteSigner;
import dev.jwtsigner.keys.SigningKey;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * A SigningKey whose private key stays in AWS KMS. The public key is fetched once, here; each token then
 * costs one KMS Sign call over the SHA-256 or SHA-512 digest of its signing input.
 */
public final class AwsKmsSigningKey {

  private AwsKmsSigningKey() {}

  /**
   * @param kms a client with its own time-out and retry policy (jwt-signer never retries)
   * @param keyId the KMS key id, alias or ARN of an asymmetric SIGN_VERIFY key: RSA_2048, RSA_3072, RSA_4096
   *     (RS256, RS512) or ECC_NIST_P521 (ES512)
   * @param kid the JWS kid the platform registered the public key under, or null for none
   */
  public static SigningKey of(KmsClient kms, String keyId, String kid) throws Exception {
    GetPublicKeyResponse info = kms.getPublicKey(b -> b.keyId(keyId));
    String type = info.keySpecAsString().startsWith("ECC") ? "EC" : "RSA";
    PublicKey publicKey = KeyFactory.getInstance(type)
        .generatePublic(new X509EncodedKeySpec(info.publicKey().asByteArray()));
    RemoteSigner signer = request -> kms.sign(b -> b.keyId(keyId)
            .messageType(MessageType.DIGEST)
            .message(SdkBytes.fromByteArray(request.digest()))
            .signingAlgorithm(kmsAlgorithm(request.algorithm())))
        .signature().asByteArray(); // DER for ECDSA: jwt-signer turns it into the 132 bytes of JOSE's r‖s
    return SigningKey.remote(publicKey, kid, signer);
  }

  /** The KMS signing algorithm of each JWS algorithm. */
  static SigningAlgorithmSpec kmsAlgorithm(JwsAlgorithm alg) {
    return switch (alg) {
      case RS256 -> SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256;
      case RS512 -> SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512;
      case ES512 -> SigningAlgorithmSpec.ECDSA_SHA_512;
    };
  }
}

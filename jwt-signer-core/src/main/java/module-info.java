/**
 * jwt-signer: mint the JWTs that vendor SDKs demand, signed with your own private key and checked
 * against the platform's rules before signing.
 *
 * <p>Start with {@link dev.jwtsigner.keys.KeySource}, then {@link dev.jwtsigner.atomic.AtomicPolicy}
 * or {@link dev.jwtsigner.apto.AptoPolicy}.
 */
module dev.jwtsigner.core {
  requires com.nimbusds.jose.jwt;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires com.fasterxml.jackson.core;
  requires static jdk.httpserver; // only JwksPublisher.httpHandler needs it

  exports dev.jwtsigner;
  exports dev.jwtsigner.keys;
  exports dev.jwtsigner.atomic;
  exports dev.jwtsigner.apto;
  exports dev.jwtsigner.internal to dev.jwtsigner.testkit;
  exports dev.jwtsigner.internal.rules to dev.jwtsigner.testkit;
}

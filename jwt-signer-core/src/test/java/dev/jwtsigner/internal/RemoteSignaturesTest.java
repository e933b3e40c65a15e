package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.RemoteSigner;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteSignaturesTest {

  private static final byte[] INPUT = "eyJhbGciOiJFUzUxMiJ9.e30".getBytes(StandardCharsets.US_ASCII);
  private static final PrivateKey P521 = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().privateKey();
  private static final PrivateKey RSA = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey();

  /** An in-process signer: the JDK signing as a KMS would, DER for ECDSA. */
  private static RemoteSigner local(PrivateKey key, String jcaName) {
    return request -> {
      Signature s = Signature.getInstance(jcaName);
      s.initSign(key);
      s.update(request.signingInput());
      return s.sign();
    };
  }

  @Test
  void turnsADerEcdsaSignatureInto132BytesOfRsThatVerify() throws Exception {
    byte[] jose = RemoteSignatures.sign(local(P521, "SHA512withECDSA"), p521(), JwsAlgorithm.ES512, INPUT);

    assertThat(jose).hasSize(132);
    Signature v = Signature.getInstance("SHA512withECDSAinP1363Format");
    v.initVerify(p521());
    v.update(INPUT);
    assertThat(v.verify(jose)).isTrue();
  }

  @Test
  void keepsAnRsSignatureAsItIs() throws Exception {
    byte[] rs = RemoteSignatures.sign(local(P521, "SHA512withECDSAinP1363Format"), p521(), JwsAlgorithm.ES512, INPUT);
    assertThat(rs).hasSize(132);
  }

  @Test
  void padsShortRAndSToTheirFull66Bytes() {
    byte[] der = der(java.math.BigInteger.ONE, java.math.BigInteger.TWO);
    byte[] rs = RemoteSignatures.toRs(der);
    assertThat(rs).hasSize(132);
    assertThat(rs[65]).isEqualTo((byte) 1);
    assertThat(rs[131]).isEqualTo((byte) 2);
    assertThat(java.util.Arrays.copyOfRange(rs, 0, 65)).containsOnly(0);
  }

  @Test
  void refusesDerThatIsNotTwoPositiveIntegersOfAtMost66Bytes() {
    assertThat(RemoteSignatures.toRs(der(java.math.BigInteger.ONE.shiftLeft(528), java.math.BigInteger.ONE))).isNull();
    assertThat(RemoteSignatures.toRs(der(java.math.BigInteger.ONE.negate(), java.math.BigInteger.ONE))).isNull();
    assertThat(RemoteSignatures.toRs(new byte[] {0x30, 0x03, 0x02, 0x01})).isNull();
    assertThat(RemoteSignatures.toRs(new byte[10])).isNull();
  }

  @Test
  void anRsaSignatureOfTheWrongLengthFailsWithSigningFailed() {
    assertThatThrownBy(() -> RemoteSignatures.sign(request -> new byte[255], rsa(), JwsAlgorithm.RS256, INPUT))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the RS256 signature by the RemoteSigner returned 255 bytes; an RSA-2048 signature has 256;"
            + " it was not retried. Fix: return the key service's signature bytes unchanged.");
  }

  @Test
  void aSignatureFromAnotherKeyFailsWithSigningFailed() {
    PrivateKey other = dev.jwtsigner.keys.KeyPairs.generate(JwsAlgorithm.ES512).getPrivate();
    assertThatThrownBy(() -> RemoteSignatures.sign(local(other, "SHA512withECDSA"), p521(), JwsAlgorithm.ES512, INPUT))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the ES512 signature by the RemoteSigner returned a signature that does not verify with the key's public key;"
            + " it was not retried. Fix: check that the key service's key is the one whose public key was passed to"
            + " SigningKey.remote, and that it signs ES512 (SHA-512).");
  }

  @Test
  void aFailureIsWrappedWithItsCauseAndNeverRetried() {
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException denied = new IllegalStateException("AccessDeniedException: kms:Sign");
    RemoteSigner failing = request -> {
      calls.incrementAndGet();
      throw denied;
    };

    assertThatThrownBy(() -> RemoteSignatures.sign(failing, rsa(), JwsAlgorithm.RS256, INPUT))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the RS256 signature by the RemoteSigner failed (IllegalStateException); it was not retried."
            + " Fix: check the key id, its permissions and the key service's answer.")
        .hasCause(denied);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aTimeOutIsNamedAsOne() {
    TimeoutException late = new TimeoutException("no answer in 2 s");
    assertThatThrownBy(() -> RemoteSignatures.sign(request -> {
      throw new java.util.concurrent.ExecutionException(late);
    }, rsa(), JwsAlgorithm.RS256, INPUT))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the RS256 signature by the RemoteSigner timed out (ExecutionException); it was not retried."
            + " Fix: check the key service's reachability and the client's time-out.")
        .hasRootCause(late);
  }

  @Test
  void anInterruptedSignerLeavesTheThreadInterrupted() {
    try {
      assertThatThrownBy(() -> RemoteSignatures.sign(request -> {
        throw new InterruptedException();
      }, rsa(), JwsAlgorithm.RS256, INPUT)).isInstanceOf(JwtSignerException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @ParameterizedTest
  @CsvSource({"null", "empty"})
  void noSignatureFailsWithSigningFailed(String kind) {
    byte[] answer = kind.equals("null") ? null : new byte[0];
    assertThatThrownBy(() -> RemoteSignatures.sign(request -> answer, rsa(), JwsAlgorithm.RS256, INPUT))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the RS256 signature by the RemoteSigner returned no signature; it was not retried."
            + " Fix: return the signature bytes the key service answered.");
  }

  @Test
  void anEs512AnswerThatIsNeitherFormFailsWithSigningFailed() {
    assertThatThrownBy(() -> RemoteSignatures.sign(request -> new byte[64], p521(), JwsAlgorithm.ES512, INPUT))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the ES512 signature by the RemoteSigner returned 64 bytes that are neither a DER ECDSA signature"
            + " nor 132 bytes of r‖s; it was not retried. Fix: return the key service's signature bytes unchanged.");
  }

  private static byte[] der(java.math.BigInteger r, java.math.BigInteger s) {
    try {
      return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded("DER");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static PublicKey p521() throws Exception {
    return ProvidersTest.publicKey("p521", "EC");
  }

  private static PublicKey rsa() throws Exception {
    return ProvidersTest.publicKey("rsa2048", "RSA");
  }
}

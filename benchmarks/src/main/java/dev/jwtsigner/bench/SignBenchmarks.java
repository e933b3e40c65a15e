package dev.jwtsigner.bench;

import com.nimbusds.jose.JOSEException;
import java.security.SignatureException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Tokens minted per second for RS256 (RSA-2048), RS512 (RSA-4096) and ES512 (P-521): the raw JCA floors,
 * jwt-signer, and the peer libraries, all on the same key and claims; and the Apto create-user body signed
 * RS256 ({@code payload*}, not parameterized by algorithm). {@link SignOneThread} and {@link SignTwoThreads}
 * run the same methods on one and two threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class SignBenchmarks {

  /** Floor: the JDK's provider signing the signing input. */
  @Benchmark
  public byte[] jcaJdk(RawSigners raw) throws SignatureException {
    return raw.signJdk();
  }

  /** Floor: Bouncy Castle's provider signing the signing input. */
  @Benchmark
  public byte[] jcaBouncyCastle(RawSigners raw) throws SignatureException {
    return raw.signBouncyCastle();
  }

  /** Floor: the Amazon Corretto Crypto Provider (native AWS-LC) signing the signing input. */
  @Benchmark
  public byte[] jcaAccp(RawSigners raw) throws SignatureException {
    return raw.signAccp();
  }

  /** jwt-signer: the configured builder, per request {@code .subject(user).sign()}. */
  @Benchmark
  public String atomicTokenBuilder(SigningState s) {
    return s.atomicTokenBuilder();
  }

  /** jwt-signer's internal signer (the core of both builders) with a ready JSON payload. */
  @Benchmark
  public String joseSigner(SigningState s) {
    return s.joseSigner.sign(Claims.JSON);
  }

  @Benchmark
  public String nimbus(SigningState s) throws JOSEException {
    return s.nimbus();
  }

  @Benchmark
  public String jjwt(SigningState s) {
    return s.jjwt();
  }

  @Benchmark
  public String auth0(SigningState s) {
    return s.auth0();
  }

  /** Floor for the signed payload: the JDK's provider signing its signing input. */
  @Benchmark
  public byte[] payloadJcaJdk(PayloadRawSigners raw) throws SignatureException {
    return raw.signJdk();
  }

  /** Floor for the signed payload: Bouncy Castle's provider signing its signing input. */
  @Benchmark
  public byte[] payloadJcaBouncyCastle(PayloadRawSigners raw) throws SignatureException {
    return raw.signBouncyCastle();
  }

  /** Floor for the signed payload: ACCP signing its signing input. */
  @Benchmark
  public byte[] payloadJcaAccp(PayloadRawSigners raw) throws SignatureException {
    return raw.signAccp();
  }

  /** jwt-signer: the configured builder, per request {@code .payload(body).sign()} (checked, {@code iat} added). */
  @Benchmark
  public String payloadBuilder(PayloadState s) {
    return s.payloadBuilder();
  }

  @Benchmark
  public String payloadJoseSigner(PayloadState s) {
    return s.joseSigner.sign(PayloadState.CREATE_USER_BODY);
  }

  @Benchmark
  public String payloadNimbus(PayloadState s) throws JOSEException {
    return s.nimbusSign();
  }
}

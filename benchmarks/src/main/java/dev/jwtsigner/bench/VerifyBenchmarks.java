package dev.jwtsigner.bench;

import com.nimbusds.jose.JOSEException;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.testkit.Verdict;
import java.security.SignatureException;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Tokens verified per second on one thread: the raw JCA floors, jwt-signer's decoder and the test kit's
 * verifiers, and nimbus directly; for RS256 and ES512 ({@code -p alg=RS512} adds RSA-4096), and for the
 * signed payload ({@code payload*}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class VerifyBenchmarks {

  /** Floor: the JDK's provider checking the signature. */
  @Benchmark
  public boolean jcaJdk(RawVerifiers raw) throws SignatureException {
    return raw.verifyJdk();
  }

  /** Floor: Bouncy Castle's provider checking the signature. */
  @Benchmark
  public boolean jcaBouncyCastle(RawVerifiers raw) throws SignatureException {
    return raw.verifyBouncyCastle();
  }

  /** Floor: the Amazon Corretto Crypto Provider's verify. */
  @Benchmark
  public boolean jcaAccp(RawVerifiers raw) throws SignatureException {
    return raw.verifyAccp();
  }

  @Benchmark
  public Verdict atomicPlatformVerifier(VerifyingState s) {
    return s.atomicPlatformVerifier();
  }

  /** jwt-signer's strict decoder, the core of both test-kit verifiers. */
  @Benchmark
  public DecodedJws jwsDecoder(VerifyingState s) {
    return s.jwsDecoder();
  }

  @Benchmark
  public boolean nimbus(VerifyingState s) throws ParseException, JOSEException {
    return s.nimbus();
  }

  /** Floor for the signed payload: the JDK's provider checking its signature. */
  @Benchmark
  public boolean payloadJcaJdk(PayloadRawVerifiers raw) throws SignatureException {
    return raw.verifyJdk();
  }

  @Benchmark
  public Verdict payloadVerifier(PayloadState s) {
    return s.payloadVerifier();
  }

  @Benchmark
  public DecodedJws payloadJwsDecoder(PayloadState s) {
    return s.jwsDecoder();
  }

  @Benchmark
  public boolean payloadNimbus(PayloadState s) throws ParseException, JOSEException {
    return s.nimbusVerify();
  }
}

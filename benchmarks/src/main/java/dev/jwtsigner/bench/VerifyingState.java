package dev.jwtsigner.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.TrustedKey;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One token per algorithm, minted by {@code AtomicTokenBuilder} from {@link Claims}, and every verifier of
 * it, on the public half of the signing key.
 */
@State(Scope.Benchmark)
public class VerifyingState {

  @Param({"RS256", "ES512"})
  public JwsAlgorithm alg;

  BenchKeys keys;
  String token;
  byte[] signingInput;

  private JWSVerifier nimbusVerifier;
  private JwsDecoder decoder;
  private List<TrustedKey> trusted;
  private AtomicPlatformVerifier verifier;

  @Setup(Level.Trial)
  public void setUp() throws JOSEException, ParseException {
    keys = BenchKeys.of(alg);
    token = Tokens.requireValid("AtomicTokenBuilder",
        SigningState.configuredBuilder(keys).subject(Claims.SUBJECT).sign(), keys.jdkPublic, alg.name());
    signingInput = Tokens.signingInput(token);
    nimbusVerifier = Tokens.nimbusVerifier(keys.jdkPublic);
    if (!nimbus()) {
      throw new IllegalStateException("nimbus rejects the benchmark token");
    }
    decoder = JwsDecoder.create(EnumSet.of(alg), StrictJson.create(64 * 1024, StrictJson.DEFAULT_MAX_DEPTH));
    trusted = List.of(TrustedKey.of(null, keys.jdkPublic));
    Tokens.requireAccepted("JwsDecoder", jwsDecoder());
    verifier = AtomicPlatformVerifier.create(SigningState.POLICY)
        .trust(keys.jdkPublic)
        .clock(Claims.VERIFYING_CLOCK);
    Tokens.requireAccepted("AtomicPlatformVerifier", atomicPlatformVerifier());
  }

  /** The test kit's verifier, as the platform checks an SDK token: signature, then every claim rule. */
  Verdict atomicPlatformVerifier() {
    return verifier.verify(token);
  }

  /** jwt-signer's strict decoder (the core of both test-kit verifiers): parse, check, verify the signature. */
  DecodedJws jwsDecoder() {
    return decoder.decode(token, trusted);
  }

  /** nimbus-jose-jwt used directly: parse the compact token, verify its signature. */
  boolean nimbus() throws ParseException, JOSEException {
    return JWSObject.parse(token).verify(nimbusVerifier);
  }
}

package dev.jwtsigner.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.TrustedKey;
import dev.jwtsigner.testkit.SignedPayloadVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Apto signed-payload contenders: the create-user body ({@link #CREATE_USER_BODY}) signed RS256
 * with the RSA-2048 key under kid {@code key_1}, and verified. The floors sign and verify the
 * {@link SignedPayloadBuilder}'s signing input.
 */
@State(Scope.Benchmark)
public class PayloadState {

  static final String KEY_ID = "key_1";
  /** An Apto create-user request body (a made-up person), signed as the payload. */
  static final String CREATE_USER_BODY = Resources.text("create-user.json").strip();

  BenchKeys keys;
  /** Configured once: key, kid, clock; the body comes per request. */
  SignedPayloadBuilder payloads;
  JoseSigner joseSigner;
  String token;
  byte[] signingInput;

  private JWSHeader nimbusHeader;
  private JWSSigner nimbusSigner;
  private JWSVerifier nimbusVerifier;
  private JwsDecoder decoder;
  private List<TrustedKey> trusted;
  private SignedPayloadVerifier verifier;

  @Setup(Level.Trial)
  public void setUp() throws JOSEException, ParseException {
    keys = BenchKeys.of(JwsAlgorithm.RS256);
    payloads = SignedPayloadBuilder.create(keys.keySource()).keyId(KEY_ID).clock(Claims.MINTING_CLOCK);
    token = check("SignedPayloadBuilder", payloadBuilder());
    signingInput = Tokens.signingInput(token);
    joseSigner = JoseSigner.prepare(keys.keySource().signingKey(), JwsAlgorithm.RS256, KEY_ID);
    check("JoseSigner", joseSigner.sign(CREATE_USER_BODY));
    nimbusHeader = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(KEY_ID).build();
    nimbusSigner = new RSASSASigner(keys.jdkPrivate);
    nimbusVerifier = Tokens.nimbusVerifier(keys.jdkPublic);
    check("nimbus", nimbusSign());
    if (!nimbusVerify()) {
      throw new IllegalStateException("nimbus rejects the signed payload");
    }
    decoder = JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), StrictJson.create(64 * 1024, StrictJson.DEFAULT_MAX_DEPTH));
    trusted = List.of(TrustedKey.of(KEY_ID, keys.jdkPublic));
    Tokens.requireAccepted("JwsDecoder", jwsDecoder());
    verifier = SignedPayloadVerifier.create().trust(KEY_ID, keys.jdkPublic).clock(Claims.VERIFYING_CLOCK);
    Tokens.requireAccepted("SignedPayloadVerifier", payloadVerifier());
  }

  /** One request's signed body: the shared builder, this body, signed. */
  String payloadBuilder() {
    return payloads.payload(CREATE_USER_BODY).sign();
  }

  /** The test kit's verifier, as the platform checks a signed payload. */
  Verdict payloadVerifier() {
    return verifier.verify(token);
  }

  /** jwt-signer's strict decoder, with the key registered under {@code key_1}. */
  DecodedJws jwsDecoder() {
    return decoder.decode(token, trusted);
  }

  String check(String contender, String signed) {
    return Tokens.requireValid(contender, signed, keys.jdkPublic, "RS256");
  }

  /** nimbus-jose-jwt used directly: the body as the JWS payload. */
  String nimbusSign() throws JOSEException {
    JWSObject jws = new JWSObject(nimbusHeader, new Payload(CREATE_USER_BODY));
    jws.sign(nimbusSigner);
    return jws.serialize();
  }

  boolean nimbusVerify() throws ParseException, JOSEException {
    return JWSObject.parse(token).verify(nimbusVerifier);
  }
}

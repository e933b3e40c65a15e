package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.keys.KeySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The rulebook's promise, over thousands of generated inputs, hostile ones included: <em>the builder signs
 * ⇔ the verifier accepts</em> the token a signer would send for the same input, and when both refuse, they
 * name the same {@link Rule} set. The verifier stops at the first JSON-text rule (the claims cannot be read
 * past it), so when it refuses the JSON text, its one rule is among the builder's.
 *
 * <p>Inputs come from {@link ParityCases}, seeded by the lines of {@code PlatformParityTest/seeds.txt}: a
 * failure names its seed and case, and adding that seed to the file replays it in every build. Inputs that
 * only the builder's API can express (a reserved claim set through {@code claim(...)}, a claim set twice, a
 * Java value with no JSON form) are checked on the builder's side alone.
 */
class PlatformParityTest {

  static final Path SEEDS = Path.of("src/test/resources/dev/jwtsigner/testkit/PlatformParityTest/seeds.txt");
  /** Rules about the JSON text itself; the verifier reports only the first it meets. */
  static final Set<Rule> JSON_TEXT_RULES = EnumSet.of(Rule.TOO_LARGE, Rule.TOO_DEEP, Rule.INVALID_UNICODE,
      Rule.VALUE_NOT_JSON, Rule.DUPLICATE_MEMBER, Rule.JSON_MALFORMED, Rule.NOT_A_JSON_OBJECT);
  static final int CASES_PER_SEED = 400;

  private static final KeySource KEY = CoreTestKeys.keySource("rsa2048");
  private static final PublicKey PUBLIC = CoreTestKeys.publicKey("rsa2048");
  private static final JoseSigner RAW_RS256 = JoseSigner.prepare(KEY.signingKey(), JwsAlgorithm.RS256);
  private static final JoseSigner RAW_KID = JoseSigner.prepare(KEY.signingKey(), JwsAlgorithm.RS256, "key_1");
  private static final Map<String, Integer> CATEGORIES = new TreeMap<>();

  @AfterAll
  static void reportSize() {
    int total = CATEGORIES.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println("PlatformParityTest: " + total + " cases in " + CATEGORIES.size() + " categories " + CATEGORIES);
  }

  @Test
  void atomicBuilderSignsExactlyWhatItsVerifierAccepts() {
    forEachCase("atomic", ParityCases::atomic, ParityCases.AtomicCase::category, PlatformParityTest::checkAtomic);
  }

  @Test
  void payloadBuilderSignsExactlyWhatItsVerifierAccepts() {
    forEachCase("apto", ParityCases::payload, ParityCases.PayloadCase::category, PlatformParityTest::checkPayload);
  }

  /** Runs {@link #CASES_PER_SEED} cases of each seed through {@code check}, with where each came from. */
  private static <C> void forEachCase(String platform, Function<ParityCases, C> next, Function<C, String> category,
      BiConsumer<C, String> check) {
    for (long seed : seeds()) {
      ParityCases gen = new ParityCases(seed);
      for (int i = 0; i < CASES_PER_SEED; i++) {
        C c = next.apply(gen);
        count(platform + "/" + category.apply(c));
        check.accept(c, "seed " + seed + ", " + platform + " case " + i + " (" + category.apply(c) + ")");
      }
    }
  }

  private static void checkAtomic(ParityCases.AtomicCase c, String where) {
    AtomicPolicy policy = c.policy();
    AtomicTokenBuilder b = AtomicTokenBuilder.create(KEY).algorithm(JwsAlgorithm.RS256).policy(policy)
        .clock(ParityCases.CLOCK).expiresIn(Duration.ofSeconds(c.lifetime()));
    if (c.subSet()) {
      b = b.subject(c.sub());
    }
    if (c.atomicSubSet()) {
      b = b.atomicSubject(c.atomicSub());
    }
    if (c.issuer() != null) {
      b = b.issuer(c.issuer());
    }
    for (Map.Entry<String, Object> e : c.claims()) {
      b = b.claim(e.getKey(), e.getValue());
    }
    String signed = null;
    Set<Rule> builderRules = Set.of();
    try {
      signed = b.sign();
    } catch (TokenRejectedException e) {
      builderRules = rules(e.violations());
    }
    if (c.builderOnly() != null) {
      assertThat(builderRules).as(where + ": refused by the builder").contains(c.builderOnly());
      return;
    }
    AtomicPlatformVerifier verifier = AtomicPlatformVerifier.create(policy).trust(PUBLIC).clock(ParityCases.CLOCK);
    Verdict v = verifier.verify(RAW_RS256.sign(c.rawClaims()));
    compare(where, signed, builderRules, v);
    if (signed != null) {
      Verdict own = verifier.verify(signed);
      assertThat(own.violations()).as(where + ": the builder's own token").isEmpty();
      assertThat(own.claims()).as(where + ": the builder wrote the claims it was given").isEqualTo(v.claims());
    }
  }

  private static void checkPayload(ParityCases.PayloadCase c, String where) {
    AptoPolicy policy = c.policy().toBuilder().registerKey("key_1", PUBLIC).build();
    SignedPayloadBuilder b = SignedPayloadBuilder.create(KEY).keyId("key_1").policy(policy).issuedAt(false)
        .clock(ParityCases.CLOCK).payload(c.json());
    String signed = null;
    Set<Rule> builderRules = Set.of();
    try {
      signed = b.sign();
    } catch (TokenRejectedException e) {
      builderRules = rules(e.violations());
    }
    SignedPayloadVerifier verifier = SignedPayloadVerifier.create(policy).clock(ParityCases.CLOCK);
    if (!dev.jwtsigner.internal.Text.isWellFormed(c.json())) { // no UTF-8 encoding: no signer can send this text
      assertThat(builderRules).as(where).containsExactly(Rule.INVALID_UNICODE);
      return;
    }
    String raw = RAW_KID.sign(c.json());
    Verdict v = verifier.verify(raw);
    compare(where, signed, builderRules, v);
    if (signed != null) {
      assertThat(verifier.verify(signed).violations()).as(where + ": the builder's own token").isEmpty();
    }
  }

  private static void compare(String where, String signed, Set<Rule> builderRules, Verdict v) {
    Set<Rule> verifierRules = rules(v.violations());
    assertThat(signed != null).as(where + ": signs ⇔ accepts; builder " + builderRules + ", verifier "
        + v.violations()).isEqualTo(v.accepted());
    if (signed != null) {
      return;
    }
    if (verifierRules.stream().anyMatch(JSON_TEXT_RULES::contains)) {
      assertThat(verifierRules).as(where + ": the verifier's JSON-text rule is one the builder names; builder "
          + builderRules).hasSize(1);
      assertThat(builderRules).as(where + ": verifier " + v.violations()).containsAll(verifierRules);
    } else {
      assertThat(builderRules).as(where + ": the same rules; verifier " + v.violations()).isEqualTo(verifierRules);
    }
  }

  private static Set<Rule> rules(List<Violation> violations) {
    return violations.stream().map(Violation::rule).collect(Collectors.toCollection(TreeSet::new));
  }

  private static synchronized void count(String category) {
    CATEGORIES.merge(category, 1, Integer::sum);
  }

  static List<Long> seeds() {
    try {
      List<Long> seeds = new ArrayList<>();
      for (String line : Files.readAllLines(SEEDS)) {
        String s = line.strip();
        if (!s.isEmpty() && !s.startsWith("#")) {
          seeds.add(Long.parseLong(s));
        }
      }
      return seeds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

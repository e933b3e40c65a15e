package dev.jwtsigner.testkit;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.atomic.AtomicPolicy;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that injects the test kit's fixtures into test methods, lifecycle methods and
 * constructors: a {@link TestClock} (one fresh clock per test, shared by its {@code @BeforeEach} and the
 * test itself), {@link FakeKeyPair}s (RSA 2048 unless the parameter says otherwise with {@link FakeKey}),
 * and ready verifiers on that clock: an {@link AtomicPlatformVerifier} with the default policy and a
 * {@link SignedPayloadVerifier}, each trusting the fake key named by the parameter's {@link FakeKey}
 * (the signed-payload verifier under the key's {@link FakeKeyPair#keyId()}).
 *
 * <pre>{@code
 * @ExtendWith(JwtSignerExtension.class)
 * class TokenServiceTest {
 *   @Test
 *   void mintsEs512(TestClock clock, @FakeKey(FakeKey.Type.P521) FakeKeyPair key) {
 *     String token = AtomicTokenBuilder.create(key.keySource()).clock(clock).subject("u1").sign();
 *     JwtAssertions.assertThat(token).isSignedWith(JwsAlgorithm.ES512);
 *   }
 *
 *   @Test
 *   void acceptedByThePlatform(TestClock clock, AtomicPlatformVerifier verifier) {
 *     String token = AtomicTokenBuilder.create(FakeKeys.rsa2048().keySource()).clock(clock).subject("u1").sign();
 *     JwtAssertions.assertThat(token).isAcceptedBy(verifier);
 *   }
 * }
 * }</pre>
 */
public final class JwtSignerExtension implements ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(JwtSignerExtension.class);

  /** One entry per injectable type: adding a fixture is adding a line. */
  private static final Map<Class<?>, BiFunction<ParameterContext, ExtensionContext, Object>> RESOLVERS = Map.of(
      TestClock.class, (parameter, context) -> clock(parameter, context),
      FakeKeyPair.class, (parameter, context) -> fakeKey(parameter),
      AtomicPlatformVerifier.class, (parameter, context) -> AtomicPlatformVerifier.create(AtomicPolicy.defaults())
          .trust(fakeKey(parameter).publicKey())
          .clock(clock(parameter, context)),
      SignedPayloadVerifier.class, (parameter, context) -> {
        FakeKeyPair key = fakeKey(parameter);
        return SignedPayloadVerifier.create().trust(key.keyId(), key.publicKey()).clock(clock(parameter, context));
      });

  /**
   * The test's clock, made on first use. Only {@code Store.get} and {@code put}, present in JUnit Jupiter 5.10
   * through 6.x ({@code computeIfAbsent} is 6.0+, {@code getOrComputeIfAbsent} deprecated in 6.0); a context
   * is resolved on one thread, so the two calls need no lock. A constructor resolved in the class's context
   * (JUnit 5.10 and 5.11, or {@code PER_CLASS} lifecycle) gets a clock of its own, never one that other tests'
   * instances would share.
   */
  private static TestClock clock(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getDeclaringExecutable() instanceof Constructor && context.getTestMethod().isEmpty()) {
      return TestClock.create();
    }
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    TestClock clock = store.get(TestClock.class, TestClock.class);
    if (clock == null) {
      clock = TestClock.create();
      store.put(TestClock.class, clock);
    }
    return clock;
  }

  private static FakeKeyPair fakeKey(ParameterContext parameter) {
    return parameter.findAnnotation(FakeKey.class)
        .map(key -> FakeKeys.of(key.value(), key.index()))
        .orElseGet(FakeKeys::rsa2048);
  }

  /** Creates the extension; JUnit does this for {@code @ExtendWith(JwtSignerExtension.class)}. */
  public JwtSignerExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return RESOLVERS.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return RESOLVERS.get(parameter.getParameter().getType()).apply(parameter, context);
    } catch (JwtSignerException e) {
      throw new ParameterResolutionException("cannot inject parameter " + parameter.getIndex() + " of "
          + parameter.getDeclaringExecutable().getName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Constructor parameters too get the test's clock, shared with its {@code @BeforeEach}, not one per test
   * class. JUnit Jupiter 5.12 and later call this; 5.10 and 5.11 do not, and a constructor then gets a clock of its own.
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }
}

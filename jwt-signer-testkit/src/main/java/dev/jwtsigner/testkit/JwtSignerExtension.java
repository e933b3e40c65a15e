package dev.jwtsigner.testkit;

import dev.jwtsigner.JwtSignerException;
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
 * test itself) and {@link FakeKeyPair}s (RSA 2048 unless the parameter says otherwise with {@link FakeKey}).
 *
 * <pre>{@code
 * @ExtendWith(JwtSignerExtension.class)
 * class TokenServiceTest {
 *   @Test
 *   void mintsEs512(TestClock clock, @FakeKey(FakeKey.Type.P521) FakeKeyPair key) {
 *     String token = AtomicTokenBuilder.create(key.keySource()).clock(clock).subject("u1").sign();
 *     JwtAssertions.assertThat(token).isSignedWith(JwsAlgorithm.ES512);
 *   }
 * }
 * }</pre>
 */
public final class JwtSignerExtension implements ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(JwtSignerExtension.class);

  /** One entry per injectable type: adding a fixture is adding a line. */
  private static final Map<Class<?>, BiFunction<ParameterContext, ExtensionContext, Object>> RESOLVERS = Map.of(
      TestClock.class, (parameter, context) -> context.getStore(NAMESPACE)
          .computeIfAbsent(TestClock.class, type -> TestClock.create(), TestClock.class),
      FakeKeyPair.class, (parameter, context) -> parameter.findAnnotation(FakeKey.class)
          .map(key -> FakeKeys.of(key.value(), key.index()))
          .orElseGet(FakeKeys::rsa2048));

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

  /** Constructor parameters too get a fresh clock per test, not one per test class. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }
}

import java.lang.reflect.Field;
import java.net.InetAddress;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local listening on 127.0.0.1 only. DynamoDB Local has no bind-address option: its
 * DynamoDBProxyServer builds a Jetty server on the port alone, which listens on every interface. This
 * builds the server with DynamoDB Local's own ServerRunner from the same flags its main takes, then sets
 * the host of every Jetty connector to loopback before starting it. (Unlike main it never configures
 * telemetry; the flags turn it off anyway.) Fails instead of starting if it cannot, so the emulator is
 * never exposed by accident, for example after a DynamoDB Local upgrade changes the class.
 *
 * Run by local/dynamodb-local.ts with DynamoDBLocal.jar on the class path; arguments are DynamoDB
 * Local's own (-inMemory -sharedDb -port N -disableTelemetry).
 */
public final class LoopbackDynamoDbLocal {
  private static final String LOOPBACK = "127.0.0.1";

  private LoopbackDynamoDbLocal() {}

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Server jetty = jettyServerOf(proxy);
    int bound = 0;
    for (Connector connector : jetty.getConnectors()) {
      if (!(connector instanceof ServerConnector)) {
        fail("unexpected Jetty connector " + connector.getClass().getName());
      }
      ((ServerConnector) connector).setHost(LOOPBACK);
      bound++;
    }
    if (bound == 0) fail("the Jetty server has no connector to bind");
    proxy.start();
    for (Connector connector : jetty.getConnectors()) {
      ServerConnector serverConnector = (ServerConnector) connector;
      // start() reports a port already in use on stderr and stops the server instead of throwing.
      if (serverConnector.getLocalPort() <= 0) fail("the server did not start (see the message above)");
      if (!InetAddress.getByName(serverConnector.getHost()).isLoopbackAddress()) {
        proxy.stop();
        fail("the server is listening on " + serverConnector.getHost() + ", not loopback");
      }
    }
    System.out.println("DynamoDB Local listening on " + LOOPBACK + ":" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
  }

  /** DynamoDBProxyServer keeps its Jetty server in a private field and offers no accessor. */
  private static Server jettyServerOf(DynamoDBProxyServer proxy) throws Exception {
    for (Field field : DynamoDBProxyServer.class.getDeclaredFields()) {
      if (Server.class.isAssignableFrom(field.getType())) {
        field.setAccessible(true);
        return (Server) field.get(proxy);
      }
    }
    fail("DynamoDBProxyServer has no Jetty Server field (DynamoDB Local changed)");
    return null;
  }

  private static void fail(String reason) {
    System.err.println("Cannot start DynamoDB Local on " + LOOPBACK + " only: " + reason + ".");
    System.exit(2);
  }
}

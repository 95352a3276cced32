import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const MINIMUM_JAVA_MAJOR_VERSION = 17;

const INSTALL_HINT = [
  `DynamoDB Local needs Java ${MINIMUM_JAVA_MAJOR_VERSION} or newer. Install it, then run again:`,
  '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
  '  macOS:         brew install openjdk@17',
  '  or set JAVA_HOME to a Java 17+ JDK (a bare JRE may lack the jdk.compiler module, used once to build',
  '  the launcher that keeps DynamoDB Local on 127.0.0.1).',
].join('\n');

/** Java is absent or too old for DynamoDB Local. The message says what to install. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor(found: string) {
    super(`${found}\n${INSTALL_HINT}`);
  }
}

export interface JavaRuntime {
  /** Command to run: JAVA_HOME/bin/java when JAVA_HOME is set, otherwise `java` from PATH. */
  readonly executable: string;
  readonly majorVersion: number;
}

/** The java command honouring JAVA_HOME, as the JDK tooling does. */
export const javaExecutable = (environment: NodeJS.ProcessEnv = process.env): string => {
  const javaHome = environment.JAVA_HOME;
  return javaHome === undefined || javaHome === '' ? 'java' : join(javaHome, 'bin', 'java');
};

/**
 * Reads the major version from `java -version` output: `version "17.0.15"` gives 17 and the
 * pre-Java-9 scheme `version "1.8.0_392"` gives 8.
 */
export const parseJavaMajorVersion = (versionOutput: string): number | undefined => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
};

const runVersionCommand = (executable: string): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(executable, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(error);
      else resolve(`${stderr}${stdout}`);
    });
  });

/** Checks that Java 17+ is available before anything is started; throws JavaMissingError otherwise. */
export const requireJava = async (
  environment: NodeJS.ProcessEnv = process.env,
  minimumMajorVersion = MINIMUM_JAVA_MAJOR_VERSION,
): Promise<JavaRuntime> => {
  const executable = javaExecutable(environment);
  let output: string;
  try {
    output = await runVersionCommand(executable);
  } catch {
    throw new JavaMissingError(
      `Could not run \`${executable} -version\`: Java is not installed or not on PATH.`,
    );
  }
  const majorVersion = parseJavaMajorVersion(output);
  if (majorVersion === undefined) {
    throw new JavaMissingError(`Could not read the Java version from \`${executable} -version\`.`);
  }
  if (majorVersion < minimumMajorVersion) {
    throw new JavaMissingError(`Found Java ${majorVersion} at \`${executable}\`, which is too old.`);
  }
  return { executable, majorVersion };
};

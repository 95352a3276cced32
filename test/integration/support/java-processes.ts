import { execFile } from 'node:child_process';

/** Pids of DynamoDB Local JVMs listening on the given port (pgrep -f DynamoDBLocal). */
export const dynamoDbLocalPids = (port: number): Promise<number[]> =>
  new Promise((resolve, reject) => {
    execFile('pgrep', ['-f', `DynamoDBLocal.*-port ${port}( |$)`], (error, stdout) => {
      // pgrep exits 1 when nothing matches.
      if (error !== null && error.code !== 1) {
        reject(error);
        return;
      }
      resolve(
        stdout
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map(Number),
      );
    });
  });

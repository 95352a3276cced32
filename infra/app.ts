import { App } from 'aws-cdk-lib';
import { loadConfig } from './config.js';
import { addNagPacks, definePulseRelay } from './pulse-relay.js';

const app = new App();
definePulseRelay(app, loadConfig(app.node));
addNagPacks(app);
app.synth();

import { measureDenseHeartRate } from './dense-heart-rate.js';
const t = performance.now();
const r = await measureDenseHeartRate((s) => console.error(s));
console.log(JSON.stringify(r), Math.round((performance.now() - t) / 1000), 's');

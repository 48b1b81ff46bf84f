/** Prints the scrypt hash of a password for a hall file's staff entry. */
import { hashPassword } from '../src/auth/password.js';

const password = process.argv[2];
if (!password) {
  console.error('用法 usage: npm run hash-password -w server -- <password>');
  process.exit(2);
}
console.log(await hashPassword(password));

// The fix stage's types live with the model (the engine reads the declarations); named here too.
export * from '../model/fix.js';

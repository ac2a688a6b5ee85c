/**
 * Where a task (an officer's step or an agency system's) stands. Its own file because both the task
 * and the dossier shapes name it, and the tasks' shapes name the dossier's (no import circle).
 */
export type TaskStatus = 'active' | 'completed' | 'cancelled';

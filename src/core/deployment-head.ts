/**
 * Whether JSON text looks like a deployment template or parameters file: its `$schema` names one
 * (`deploymentTemplate.json`, `subscriptionDeploymentTemplate.json`, `deploymentParameters.json`…) or it
 * has a `resources` property. Asked of files that could not be read as one (too large, or not parsing),
 * to report them rather than skip them as other JSON; here alone, because worker threads and the command
 * line's reader use it without loading the engine.
 */
export function looksLikeDeployment(text: string): boolean {
  return /deployment(Template|Parameters)\.json|"resources"\s*:/i.test(text);
}

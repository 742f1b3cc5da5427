// For every Slipway step: sample arguments that differ from the defaults, instantiated the way a Pipeline does
// (DescribableModel), read back, and rendered by the Snippet Generator's own code. Prints one block per step.
import org.jenkinsci.plugins.structs.describable.DescribableModel
import org.jenkinsci.plugins.workflow.steps.StepDescriptor
import org.jenkinsci.plugins.workflow.cps.Snippetizer
import groovy.json.JsonOutput
StepDescriptor.all().findAll { it.clazz.name.startsWith('io.jenkins.plugins.slipway.') }.sort { it.functionName }.each { d ->
  def model = DescribableModel.of(d.clazz)
  def required = [:]
  model.parameters.findAll { it.required }.each { required[it.name] = it.erasedType == String ? 'r-' + it.name : null }
  def defaults = model.instantiate(required)
  def args = new TreeMap()
  model.parameters.each { p ->
    def t = p.erasedType
    def v = null
    if (t == String) v = 'v-' + p.name
    else if (t == boolean || t == Boolean) v = !defaults."${p.name}"
    else if (t == int || t == Integer) v = 7
    else if (t == double || t == Double) v = 2.5d
    else if (List.isAssignableFrom(t)) v = ['127.0.0.1:2222']
    if (v != null) args[p.name] = v
  }
  try {
    def step = model.instantiate(args)
    def back = new TreeMap(DescribableModel.uninstantiate2_(step).arguments)
    println "STEP ${d.functionName} ${d.clazz.name}"
    println "ARGS " + JsonOutput.toJson(args)
    println "BACK " + JsonOutput.toJson(back)
    println "SNIPPET " + Snippetizer.step2Groovy(step)
  } catch (Throwable e) { println "STEP ${d.functionName} ${d.clazz.name}\nFAILED ${e}" }
}
return null

